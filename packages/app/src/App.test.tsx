import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('renders the sign-in page with the demo guest sign-in before anyone signs in', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'MLOps Portal Test' },
            backend: { baseUrl: 'http://localhost:7007' },
            techdocs: {
              storageUrl: 'http://localhost:7007/api/techdocs/static/docs',
            },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    // Backstage's sign-in page titled with app.title, offering the guest
    // provider (no app.signIn.providers configured).
    expect(
      await screen.findByText('MLOps Portal Test', {}, { timeout: 20_000 }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Guest')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /enter/i })).toBeInTheDocument();
    // Nothing behind the sign-in is shown yet.
    expect(screen.queryByText('Catalog')).not.toBeInTheDocument();
  });
});
